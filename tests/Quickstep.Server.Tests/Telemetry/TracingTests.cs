using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Quickstep.Engine.Telemetry;

namespace Quickstep.Server.Tests.Telemetry;

/// <summary>
/// Spans of real executions on a live server (read with an ActivityListener): the execution's span is the child of
/// StartExecution's traceHeader, each state's span its child, the Task call's span the state's; the Task's HTTP call
/// (an SQS call forwarded to a loopback endpoint) carries the call span's W3C traceparent.
/// </summary>
public sealed class TracingTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "qs-trace-" + Guid.NewGuid().ToString("N"));
    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly ConcurrentQueue<string?> _traceparents = new();
    private readonly Lock _gate = new();
    private ActivityListener _listener = null!;
    private HttpListener _endpoint = null!;
    private Task _serving = Task.CompletedTask;
    private QuickstepServer _server = null!;
    private HttpClient _http = null!;
    private int _port;

    public async Task InitializeAsync()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == QuickstepTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _spans.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);

        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        _port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        _endpoint = new HttpListener();
        _endpoint.Prefixes.Add($"http://127.0.0.1:{_port}/");
        _endpoint.Start();
        _serving = ServeAsync();

        Directory.CreateDirectory(_dir);
        var config = Path.Combine(_dir, "config.json");
        await File.WriteAllTextAsync(config, """
            {"services": {"sqs": {"endpoint": "http://127.0.0.1:PORT", "credentials": {"accessKeyId": "AKIDEXAMPLE", "secretAccessKey": "secret"}}}}
            """.Replace("PORT", _port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        _server = await QuickstepServer.StartAsync(
            new QuickstepServerOptions { Port = 0, DatabasePath = Path.Combine(_dir, "q.db"), ConfigFile = config },
            logging => logging.SetMinimumLevel(LogLevel.Warning));
        _http = new HttpClient { BaseAddress = _server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The forwarded SQS endpoint: records each request's traceparent and answers SendMessage.</summary>
    private async Task ServeAsync()
    {
        while (true)
        {
            HttpListenerContext context;
            try
            {
                // Never begun while DisposeAsync closes the listener: HttpListener would lose that wait (see LoopbackHttpServer).
                Task<HttpListenerContext> next;
                lock (_gate)
                {
                    if (!_endpoint.IsListening)
                        return;
                    next = _endpoint.GetContextAsync();
                }

                context = await next;
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _traceparents.Enqueue(context.Request.Headers["traceparent"]);
            var body = """{"MessageId":"5fea7756-0ea4-451a-a703-a558b933e274","MD5OfMessageBody":"49f68a5c8493ec2c0bf489821c21fc3b"}"""u8.ToArray();
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-amz-json-1.0";
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
        lock (_gate)
        {
            _endpoint.Stop();
            _endpoint.Close();
        }

        await _serving;
        _listener.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    [Fact]
    public async Task Spans_OfATaskExecution_FollowTheTraceHeaderAndReachTheHttpCall()
    {
        var (status, created) = await InProcessServer.Call(_http, "CreateStateMachine", JsonSerializer.Serialize(new
        {
            name = "traced",
            definition = """
                {"StartAt": "Prepare", "States": {
                  "Prepare": {"Type": "Pass", "Next": "Send"},
                  "Send": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
                           "Parameters": {"QueueUrl": "http://127.0.0.1:PORT/123456789012/q", "MessageBody": "hello"}, "End": true}}}
                """.Replace("PORT", _port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal),
            roleArn = "arn:aws:iam::123456789012:role/r",
            type = "EXPRESS",
        }));
        Assert.Equal(200, status);
        var machine = created.GetProperty("stateMachineArn").GetString();

        const string TraceId = "5759e988bd862e3fe1be46a994272793";
        const string Parent = "53995c3f42cd8ad8";
        var (s, result) = await InProcessServer.Call(_http, "StartSyncExecution", JsonSerializer.Serialize(new
        {
            stateMachineArn = machine,
            input = "{}",
            traceHeader = $"Root=1-5759e988-bd862e3fe1be46a994272793;Parent={Parent};Sampled=1",
        }));
        Assert.Equal(200, s);
        Assert.Equal("SUCCEEDED", result.GetProperty("status").GetString());
        var executionArn = result.GetProperty("executionArn").GetString();

        var spans = _spans.Where(a => a.TraceId.ToHexString() == TraceId).ToList();
        Assert.Equal(4, spans.Count);
        var execution = Assert.Single(spans, a => a.OperationName == "execution traced");
        Assert.Equal(Parent, execution.ParentSpanId.ToHexString());
        Assert.Equal(executionArn, execution.GetTagItem(QuickstepTelemetry.ExecutionArnAttribute));
        Assert.Equal(machine, execution.GetTagItem(QuickstepTelemetry.StateMachineAttribute));
        Assert.Equal("SUCCEEDED", execution.GetTagItem(QuickstepTelemetry.StatusAttribute));

        var prepare = Assert.Single(spans, a => a.OperationName == "state Prepare");
        var send = Assert.Single(spans, a => a.OperationName == "state Send");
        Assert.Equal(execution.SpanId, prepare.ParentSpanId);
        Assert.Equal(execution.SpanId, send.ParentSpanId);
        Assert.Equal("Pass", prepare.GetTagItem(QuickstepTelemetry.StateTypeAttribute));
        Assert.Equal("Task", send.GetTagItem(QuickstepTelemetry.StateTypeAttribute));

        var call = Assert.Single(spans, a => a.OperationName == "task arn:aws:states:::sqs:sendMessage");
        Assert.Equal(send.SpanId, call.ParentSpanId);
        Assert.Equal(ActivityStatusCode.Unset, call.Status);

        // The forwarded call carried the trace: HttpClient's own request span (a child of the call span) is its parent id.
        var traceparent = Assert.Single(_traceparents);
        Assert.NotNull(traceparent);
        Assert.Matches($"^00-{TraceId}-[0-9a-f]{{16}}-01$", traceparent);
        Assert.DoesNotContain(traceparent.Split('-')[2], new[] { execution.SpanId.ToHexString(), send.SpanId.ToHexString(), prepare.SpanId.ToHexString() });
    }

    [Fact]
    public async Task Spans_OfAFailingExecution_CarryTheError()
    {
        var (_, created) = await InProcessServer.Call(_http, "CreateStateMachine", JsonSerializer.Serialize(new
        {
            name = "failing",
            definition = """{"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "Oops", "Cause": "It broke."}}}""",
            roleArn = "arn:aws:iam::123456789012:role/r",
            type = "EXPRESS",
        }));
        var (_, result) = await InProcessServer.Call(_http, "StartSyncExecution", JsonSerializer.Serialize(new
        {
            stateMachineArn = created.GetProperty("stateMachineArn").GetString(),
            traceHeader = "Root=1-00000001-000000000000000000000002;Sampled=1",
        }));
        Assert.Equal("FAILED", result.GetProperty("status").GetString());
        var spans = _spans.Where(a => a.TraceId.ToHexString() == "00000001000000000000000000000002").ToList();
        var execution = Assert.Single(spans, a => a.OperationName == "execution failing");
        Assert.Equal(ActivityStatusCode.Error, execution.Status);
        Assert.Equal("It broke.", execution.StatusDescription);
        Assert.Equal("Oops", execution.GetTagItem(QuickstepTelemetry.ErrorAttribute));
        var state = Assert.Single(spans, a => a.OperationName == "state F");
        Assert.Equal(execution.SpanId, state.ParentSpanId);
        Assert.Equal(ActivityStatusCode.Error, state.Status);
    }
}
