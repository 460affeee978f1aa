namespace SloBot.Discord.Gateway;

/// <summary>Gateway opcodes (topics/opcodes-and-status-codes.mdx).</summary>
internal static class GatewayOp
{
    public const int Dispatch = 0;
    public const int Heartbeat = 1;
    public const int Identify = 2;
    public const int Resume = 6;
    public const int Reconnect = 7;
    public const int InvalidSession = 9;
    public const int Hello = 10;
    public const int HeartbeatAck = 11;

    /// <summary>GUILDS (1) + GUILD_MESSAGES (512) + MESSAGE_CONTENT (32768, privileged): threads need message text.</summary>
    public const int Intents = (1 << 0) | (1 << 9) | (1 << 15);

    /// <summary>Closing with 1000/1001 ends the session; 4000 keeps it resumable.</summary>
    public const int ResumableCloseCode = 4000;

    /// <summary>A normal close: the session ends (a shard given up to another replica is identified anew there).</summary>
    public const int EndSessionCloseCode = 1000;
}

/// <summary>What to do after a connection ended.</summary>
internal enum GatewayNext
{
    Resume,
    Identify,
    Stop,
}

/// <summary>SloBot's policy for Discord's close codes: resumable ones resume, session ones identify anew, fatal ones stop with what to fix.</summary>
internal static class CloseCodes
{
    public static GatewayNext Next(int? code) => code switch
    {
        4004 or (>= 4010 and <= 4014) => GatewayNext.Stop,
        4003 or 4005 or 4007 or 4009 => GatewayNext.Identify,
        _ => GatewayNext.Resume,
    };

    public static string WhatToFix(int code) => code switch
    {
        4004 => "Discord rejected the bot token (close 4004 Authentication failed). Set SloBot:Discord:BotToken to the token from the Developer Portal → your application → Bot → Reset Token.",
        4010 => "Discord refused the shard SloBot sent (close 4010 Invalid shard). Check SloBot:Discord:ShardCount (at least 1, the same on every replica), or remove it to take Discord's recommendation.",
        4011 => "Discord requires more shards (close 4011 Sharding required): raise SloBot:Discord:ShardCount, or remove it to take Discord's recommendation (GET /gateway/bot), then restart every replica.",
        4012 => "Discord refused the Gateway API version (close 4012). SloBot speaks v10; check SloBot:Discord:ApiBaseUrl points at https://discord.com/api/v10.",
        4013 => "Discord refused SloBot's intents (close 4013 Invalid intents); this is a bug worth reporting.",
        4014 => "Discord refused the Message Content intent (close 4014 Disallowed intents). Enable MESSAGE CONTENT INTENT under Developer Portal → your application → Bot → Privileged Gateway Intents, then restart SloBot.",
        _ => $"Discord closed the Gateway with code {code}.",
    };
}
