namespace Quickstep.Schedules;

/// <summary>The unit of a <c>rate(value unit)</c> expression.</summary>
public enum RateUnit
{
    /// <summary><c>minute</c> / <c>minutes</c>.</summary>
    Minutes,

    /// <summary><c>hour</c> / <c>hours</c>.</summary>
    Hours,

    /// <summary><c>day</c> / <c>days</c>: 24 hours of elapsed time, not a calendar day (AWS: a DST day still waits 24 hours).</summary>
    Days,
}
