namespace SloBot.Core.Journeys;

/// <summary>The templates of seed 000 §10.1 (ECommerce-, SaaS- and DataPipelineJourneyTemplates), transcribed once.</summary>
public static class JourneyTemplates
{
    public static IReadOnlyList<JourneyTemplate> All { get; } =
    [
        new("ecommerce", "product_browse", "Product Browse", "User browses product catalog", "all_users", "continuous", "essential",
        [
            new(1, "Load homepage", "GET /", 1000, 99.9, "availability", []),
            new(2, "Search products", "GET /api/search", 500, 99.5, "latency", []),
            new(3, "View product details", "GET /api/products/:id", 300, 99.9, "availability", []),
            new(4, "Load product images", "GET /cdn/images/*", 200, 99.0, "availability", []),
        ], []),
        new("ecommerce", "checkout", "Checkout", "User completes purchase", "converting_users", "multiple_per_day", "critical",
        [
            new(1, "View cart", "GET /api/cart", 200, 99.95, "availability", []),
            new(2, "Enter shipping address", "POST /api/shipping", 500, 99.9, "error_rate", []),
            new(3, "Select shipping method", "GET /api/shipping-options", 300, 99.9, "availability", []),
            new(4, "Enter payment info", "POST /api/payment-method", 400, 99.95, "error_rate", []),
            new(5, "Process payment", "POST /api/charge", 2000, 99.95, "availability", ["payment_gateway", "fraud_detection"]),
            new(6, "Confirm order", "GET /api/order/:id", 400, 99.99, "availability", []),
        ], []),
        new("ecommerce", "user_registration", "User Registration", "New user creates account", "new_users", "once_per_user", "critical",
        [
            new(1, "Load registration form", "GET /register", 1000, 99.9, "availability", []),
            new(2, "Validate email", "POST /api/validate-email", 300, 99.5, "latency", []),
            new(3, "Create account", "POST /api/users", 500, 99.95, "error_rate", []),
            new(4, "Send verification email", "POST /api/send-verification", 1000, 99.0, "availability", [], Async: true),
        ], []),
        new("saas", "user_login", "User Login", "User authenticates and accesses dashboard", "all_users", "multiple_daily", "critical",
        [
            new(1, "Load login page", "GET /login", 800, 99.95, "availability", []),
            new(2, "Submit credentials", "POST /api/auth/login", 500, 99.9, "latency", []),
            new(3, "Fetch user session", "GET /api/session", 200, 99.95, "availability", []),
            new(4, "Load dashboard", "GET /dashboard", 1500, 99.5, "latency", []),
        ], []),
        new("saas", "api_integration", "API Integration", "External system integrates via API", "api_users", "continuous", "essential",
        [
            new(1, "Authenticate", "POST /api/v1/oauth/token", 300, 99.95, "availability", []),
            new(2, "Fetch data", "GET /api/v1/data", 500, 99.9, "latency", []),
            new(3, "Create resource", "POST /api/v1/resources", 800, 99.5, "error_rate", []),
        ], []),
        new("data_pipeline", "batch_processing", "Batch Processing", "Process batch of data records", "system", "hourly", "essential",
        [
            new(1, "Fetch data from source", "extract", 60000, 99.5, "availability", []),
            new(2, "Transform data", "transform", 300000, 99.0, "completeness", []),
            new(3, "Validate data quality", "validate", 30000, 95.0, "quality", []),
            new(4, "Load to destination", "load", 120000, 99.5, "availability", []),
        ], [new SliOverride("freshness", 99.0, 30, "Data processed within 30 minutes")]),
    ];

    /// <summary>Seed 000 §10.1 <c>list_templates</c>: category → journey keys.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> List() =>
        JourneyCategories.All.ToDictionary(c => c, c => (IReadOnlyList<string>)All.Where(t => t.Category == c).Select(t => t.Key).ToArray());

    public static IReadOnlyList<JourneyTemplate> InCategory(string category) => All.Where(t => t.Category == category).ToArray();

    /// <summary>Seed 000 §10.1 <c>get_template</c>, lenient about spelling ("Product Browse", "product-browse").</summary>
    public static JourneyTemplate? Get(string category, string name)
    {
        var key = JourneyCategories.Squash(name);
        return InCategory(category).FirstOrDefault(t => JourneyCategories.Squash(t.Key) == key || JourneyCategories.Squash(t.Name) == key);
    }
}
