import CLVCore

/// The empirical cumulative distribution of per-trial values: for each x, the share of trials
/// at or below x, with the mean and interval ends marked.
public enum SVGCumulativeCurve {
    /// Points (x, F(x)) of the empirical distribution function at `points` evenly spaced
    /// probabilities: x = Q(p) (type-7 quantile) for p = 0, 1/(points−1), …, 1.
    ///
    /// - Complexity: O(n log n).
    public static func curve(_ values: [Double], points: Int = 201) -> [(x: Double, p: Double)] {
        let sorted = values.filter(\.isFinite).sorted()
        guard !sorted.isEmpty else { return [] }
        let count = max(2, points)
        return (0..<count).map { k in
            let p = Double(k) / Double(count - 1)
            return (Stat.quantile(sorted, p), p)
        }
    }

    /// The chart: the curve from the `tail` to the 1 − `tail` quantile, horizontal guides at
    /// the interval probabilities, vertical markers at `markers`.
    ///
    /// - Complexity: O(n log n).
    ///
    /// - Parameter domain: the x-range to draw, e.g. a histogram's of the same values so that the
    ///   two charts line up (docs/results.md); by default the `tail` to 1 − `tail` quantiles.
    public static func chart(id: String, title: String, values: [Double], markers: [ChartMarker], levels: [Double],
                             xTitle: String, tail: Double = 0.001, frame: ChartFrame = SVGHistogram.markedFrame,
                             domain: (Double, Double)? = nil) -> SVGElement {
        let all = curve(values)
        let points: [(x: Double, p: Double)]
        let range: (Double, Double)
        if let domain {
            points = all.filter { $0.x >= domain.0 && $0.x <= domain.1 }
            range = domain
        } else {
            points = all.filter { $0.p >= tail - 1e-12 && $0.p <= 1 - tail + 1e-12 }
            range = (points.first?.x ?? 0, points.last?.x ?? 1)
        }
        let x = LinearScale(domain: range, range: frame.plotX)
        let y = LinearScale(domain: (0, 1), range: frame.plotY)
        var body: [SVGElement] = []
        let yTicks = [0, 0.25, 0.5, 0.75, 1.0]
        body += frame.yAxis(y, ticks: yTicks, labels: yTicks.map { "\(Int($0 * 100))%" }, title: "share of trials at or below")
        for level in levels {
            for p in [(1 - level) / 2, (1 + level) / 2] {
                body.append(.line(x1: frame.plotX.0, y1: y.position(p), x2: frame.plotX.1, y2: y.position(p), className: "guide"))
            }
        }
        body.append(.polyline(points.map { (x.position($0.x), y.position($0.p)) }, className: "curve"))
        let xTicks = x.ticks(count: 6)
        body += frame.xAxis(x, ticks: xTicks, labels: NumberFormat.axisLabels(xTicks), title: xTitle)
        body += SVGHistogram.markerElements(markers, scale: x, frame: frame)
        return frame.svg(id: id, title: title,
                         description: "Cumulative share of trials against value; dashed guides at the interval probabilities.",
                         children: body)
    }
}
