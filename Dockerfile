# syntax=docker/dockerfile:1
# Multi-stage: restore and publish with the SDK, run the published app on the ASP.NET runtime as a non-root user.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json appsettings.json Directory.Build.props Directory.Packages.props BannedSymbols.txt BannedSymbols.Src.txt .editorconfig ./
COPY src/ src/
RUN dotnet publish src/SloBot/SloBot.csproj -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# A font for the burn-down charts' text (the image has none; without one the PNGs come without labels).
RUN apt-get update \
    && apt-get install -y --no-install-recommends fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
# State (SQLite: conversations, decisions, embedded SLI store) lives on a volume owned by the app user.
RUN mkdir -p /data && chown "$APP_UID" /data
VOLUME /data
# GC: the app's own settings (server GC without DATAS, docs/decisions/0003-gc-for-latency.md), as measured.
ENV ASPNETCORE_HTTP_PORTS=8080 \
    SloBot__Storage__ConnectionString="Data Source=/data/slobot.db"
EXPOSE 8080
USER $APP_UID
# /healthz: alive; /readyz: storage migrated and catalog loaded. No TTY in a container, so no console REPL.
ENTRYPOINT ["dotnet", "slobot.dll"]
