using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace Quickstep.Server.Telemetry;

/// <summary>
/// Collects the engine's, the store's and one server's instruments with a <see cref="MeterListener"/> and writes them in
/// the Prometheus text exposition format (version 0.0.4) for <c>GET /metrics</c>. CloudWatch's names are kept as they are
/// (ExecutionsStarted{StateMachineArn="…"}); other names have their dots made underscores.
/// </summary>
internal sealed class PrometheusMetrics : IDisposable
{
    /// <summary>Histogram bucket bounds, in the instruments' unit (milliseconds).</summary>
    private static readonly double[] Bounds = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000];

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, Series> _instruments = new();

    public PrometheusMetrics(Meter own, IReadOnlyCollection<string> shared)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter == own || shared.Contains(instrument.Meter.Name))
            {
                var series = _instruments.GetOrAdd(instrument, i => new Series(i));
                listener.EnableMeasurementEvents(instrument, series);
            }
        };
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => ((Series)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, value, tags, state) => ((Series)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => ((Series)state!).Record(value, tags));
        _listener.Start();
    }

    /// <summary>Writes every series; observable instruments are read now.</summary>
    public string Scrape()
    {
        _listener.RecordObservableInstruments();
        var text = new StringBuilder();
        foreach (var series in _instruments.Values.OrderBy(s => s.Name, StringComparer.Ordinal))
            series.Write(text);
        return text.ToString();
    }

    public void Dispose() => _listener.Dispose();

    /// <summary>One instrument's values per label set.</summary>
    private sealed class Series
    {
        private readonly Instrument _instrument;
        private readonly bool _histogram;
        private readonly bool _replaces;
        private readonly ConcurrentDictionary<(string Key, string Value), Point> _single = new();
        private readonly ConcurrentDictionary<string, Point> _labelled = new(StringComparer.Ordinal);

        public Series(Instrument instrument)
        {
            _instrument = instrument;
            _histogram = instrument is Histogram<double> or Histogram<long> or Histogram<int>;
            // Observable instruments report their current (or cumulative) value at each collection.
            _replaces = instrument.IsObservable;
            Name = PrometheusName(instrument.Name);
        }

        public string Name { get; }

        private string Type => _histogram ? "histogram"
            : _instrument is Counter<long> or Counter<double> or Counter<int> or ObservableCounter<long> or ObservableCounter<double> ? "counter"
            : "gauge";

        public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            // One string tag (the state machine's ARN) is the hot case: looked up without building a label string.
            Point point;
            if (tags.Length == 1 && tags[0].Value is string v)
            {
                var key = (tags[0].Key, v);
                if (!_single.TryGetValue(key, out point!))
                    point = _single.GetOrAdd(key, k => new Point(Labels([new(k.Key, k.Value)]), _histogram));
            }
            else
            {
                var labels = Labels(tags);
                point = _labelled.GetOrAdd(labels, l => new Point(l, _histogram));
            }

            point.Add(value, _replaces);
        }

        public void Write(StringBuilder text)
        {
            var points = _single.Values.Concat(_labelled.Values).OrderBy(p => p.Labels, StringComparer.Ordinal).ToList();
            if (points.Count == 0)
                return;
            if (!string.IsNullOrEmpty(_instrument.Description))
                text.Append("# HELP ").Append(Name).Append(' ').Append(_instrument.Description.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)).Append('\n');
            text.Append("# TYPE ").Append(Name).Append(' ').Append(Type).Append('\n');
            foreach (var p in points)
                p.Write(text, Name);
        }

        private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            if (tags.Length == 0)
                return string.Empty;
            var sorted = tags.ToArray();
            Array.Sort(sorted, (a, b) => string.CompareOrdinal(a.Key, b.Key));
            var b = new StringBuilder();
            foreach (var tag in sorted)
            {
                if (b.Length > 0)
                    b.Append(',');
                b.Append(PrometheusName(tag.Key)).Append("=\"").Append(Escape(Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? "")).Append('"');
            }

            return b.ToString();
        }
    }

    /// <summary>One label set's value (a counter or gauge) or buckets, sum and count (a histogram).</summary>
    private sealed class Point(string labels, bool histogram)
    {
        private readonly Lock _gate = new();
        private readonly long[]? _buckets = histogram ? new long[Bounds.Length + 1] : null;
        private double _value;
        private long _count;

        public string Labels { get; } = labels;

        public void Add(double value, bool replace)
        {
            lock (_gate)
            {
                if (_buckets is not null)
                {
                    var i = 0;
                    while (i < Bounds.Length && value > Bounds[i])
                        i++;
                    _buckets[i]++;
                    _count++;
                    _value += value;
                }
                else
                {
                    _value = replace ? value : _value + value;
                }
            }
        }

        public void Write(StringBuilder text, string name)
        {
            lock (_gate)
            {
                if (_buckets is null)
                {
                    Line(text, name, Labels, _value);
                    return;
                }

                long cumulative = 0;
                for (var i = 0; i <= Bounds.Length; i++)
                {
                    cumulative += _buckets[i];
                    var le = i < Bounds.Length ? Bounds[i].ToString(CultureInfo.InvariantCulture) : "+Inf";
                    Line(text, name + "_bucket", Labels.Length == 0 ? $"le=\"{le}\"" : $"{Labels},le=\"{le}\"", cumulative);
                }

                Line(text, name + "_sum", Labels, _value);
                Line(text, name + "_count", Labels, _count);
            }
        }

        private static void Line(StringBuilder text, string name, string labels, double value)
        {
            text.Append(name);
            if (labels.Length > 0)
                text.Append('{').Append(labels).Append('}');
            text.Append(' ').Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }
    }

    /// <summary>A metric or label name as Prometheus allows it: [a-zA-Z_:][a-zA-Z0-9_:]*.</summary>
    public static string PrometheusName(string name)
    {
        var b = new StringBuilder(name.Length);
        foreach (var c in name)
            b.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or ':' ? c : '_');
        if (b.Length == 0 || char.IsAsciiDigit(b[0]))
            b.Insert(0, '_');
        return b.ToString();
    }

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
