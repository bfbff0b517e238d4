import CLVCore
import CLVRandom

/// A distribution in words for people, e.g. "normal (mean 0.93, sd 0.01, min 0.85, max 0.99)".
public enum DistributionText {
    /// The description; long value lists are shortened to their count.
    ///
    /// - Complexity: O(1) (lists are summarised, not printed).
    public static func describe(_ distribution: Distribution) -> String {
        let f = { (x: Double) in NumberFormat.significant(x, digits: 4) }
        switch distribution {
        case .fixed(let v): return f(v)
        case .uniform(let a, let b): return "uniform (min \(f(a)), max \(f(b)))"
        case .triangular(let a, let m, let b): return "triangular (min \(f(a)), mode \(f(m)), max \(f(b)))"
        case .pert(let a, let m, let b): return "PERT (min \(f(a)), mode \(f(m)), max \(f(b)))"
        case .normal(let mean, let sd, let lo, let hi):
            var parts = ["mean \(f(mean))", "sd \(f(sd))"]
            if let lo { parts.append("min \(f(lo))") }
            if let hi { parts.append("max \(f(hi))") }
            return "normal (" + parts.joined(separator: ", ") + ")"
        case .lognormal(let mean, let sd): return "lognormal (mean \(f(mean)), sd \(f(sd)))"
        case .gamma(let k, let theta): return "gamma (shape \(f(k)), scale \(f(theta)))"
        case .beta(let a, let b): return "beta (alpha \(f(a)), beta \(f(b)))"
        case .poisson(let mean): return "Poisson (mean \(f(mean)))"
        case .discrete(let values, _): return "discrete (\(values.count) values from \(f(values.min() ?? 0)) to \(f(values.max() ?? 0)))"
        case .empirical(let samples): return "empirical (\(samples.count) samples from \(f(samples.min() ?? 0)) to \(f(samples.max() ?? 0)))"
        }
    }

    /// A strategy change in words: "segments.a.retention.rate + 0.02 (periods 1–6)".
    public static func describe(_ change: StrategyChange) -> String {
        var text: String
        switch change.operation {
        case .set(let d): text = "\(change.target) set to \(describe(d))"
        case .add(.fixed(let x)): text = "\(change.target) \(x < 0 ? "−" : "+") \(NumberFormat.significant(abs(x)))"
        case .add(let d): text = "\(change.target) + \(describe(d))"
        case .multiply(.fixed(let x)): text = "\(change.target) × \(NumberFormat.significant(x))"
        case .multiply(let d): text = "\(change.target) × \(describe(d))"
        }
        if let window = change.window { text += " (\(describe(window)))" }
        return text
    }

    /// A window in words: "period 3" or "periods 1–6".
    public static func describe(_ window: PeriodWindow) -> String {
        window.fromPeriod == window.toPeriod ? "period \(window.fromPeriod)" : "periods \(window.fromPeriod)–\(window.toPeriod)"
    }
}
