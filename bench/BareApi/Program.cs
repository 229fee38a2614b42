// The smallest minimal-API app, answering the same readiness URL as the Reminders app (port from ASPNETCORE_URLS).
var builder = WebApplication.CreateBuilder(args);

var app = builder.Build();
app.MapGet("/api/health", () => "ok");
app.Run();
