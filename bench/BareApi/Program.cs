// The smallest minimal-API app, listening where the Functions host would tell the handler to.
var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseUrls($"http://127.0.0.1:{builder.Configuration["FUNCTIONS_CUSTOMHANDLER_PORT"] ?? "5000"}");

var app = builder.Build();
app.MapGet("/", () => "ok");
app.Run();
