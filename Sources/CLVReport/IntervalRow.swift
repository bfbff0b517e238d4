import CLVCore

/// One row of an interval-bar chart: a named quantity's mean, median and intervals.
public struct IntervalRow: Sendable, Equatable {
    public struct Band: Sendable, Equatable {
        public var level: Double
        public var lower: Double
        public var upper: Double
        public init(level: Double, lower: Double, upper: Double) {
            self.level = level
            self.lower = lower
            self.upper = upper
        }
    }

    public var label: String
    public var mean: Double
    public var median: Double
    /// Widest first.
    public var bands: [Band]

    public init(label: String, mean: Double, median: Double, bands: [Band]) {
        self.label = label
        self.mean = mean
        self.median = median
        self.bands = bands.sorted { $0.level > $1.level }
    }

    /// A row from a `Stat`: its intervals plus the 50% interval (p25 to p75) when not among them.
    ///
    /// - Complexity: O(levels).
    public init(label: String, stat: Stat) {
        var bands = stat.intervals.map { Band(level: $0.level, lower: $0.lower, upper: $0.upper) }
        if !bands.contains(where: { $0.level == 0.5 }), let p25 = stat.percentile("p25"), let p75 = stat.percentile("p75") {
            bands.append(Band(level: 0.5, lower: p25, upper: p75))
        }
        self.init(label: label, mean: stat.mean, median: stat.percentile("p50") ?? stat.mean, bands: bands)
    }
}
