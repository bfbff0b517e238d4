/// A histogram of per-trial values with the mean and interval ends marked.
public enum SVGHistogram {
    /// The chart: one bar per bin of `histogram`, bar height the share of trials in the bin;
    /// shaded spans between paired interval markers; vertical lines at `markers`.
    ///
    /// - Parameters:
    ///   - shadedSpans: (lower, upper) ranges to shade behind the bars, e.g. the intervals.
    ///   - total: the number of trials the shares are taken of.
    /// - Complexity: O(bins + markers).
    public static func chart(id: String, title: String, histogram: Histogram, total: Int, markers: [ChartMarker],
                             shadedSpans: [(Double, Double)], xTitle: String, frame: ChartFrame = markedFrame) -> SVGElement {
        let n = Double(max(1, total))
        let shares = histogram.counts.map { Double($0) / n }
        let x = LinearScale(domain: (histogram.lower, histogram.upper), range: frame.plotX)
        let y = LinearScale(domain: (0, max(shares.max() ?? 0, 1e-9) * 1.35), range: frame.plotY).nice(count: 4)
        var body: [SVGElement] = []
        for (lower, upper) in shadedSpans {
            let a = x.position(max(lower, histogram.lower)), b = x.position(min(upper, histogram.upper))
            body.append(.rect(x: a, y: frame.plotY.1, width: b - a, height: frame.plotY.0 - frame.plotY.1, className: "span"))
        }
        let yTicks = y.ticks(count: 4)
        body += frame.yAxis(y, ticks: yTicks, labels: yTicks.map { NumberFormat.percent($0).replacingOccurrences(of: ".0%", with: "%") },
                            title: "share of trials")
        let width = histogram.binWidth
        for (k, share) in shares.enumerated() where share > 0 {
            let left = histogram.lower + Double(k) * width
            let x0 = x.position(left), x1 = x.position(left + width)
            let top = y.position(share)
            body.append(.rect(x: x0 + 0.5, y: top, width: x1 - x0 - 1, height: frame.plotY.0 - top, className: "bar",
                              title: "\(NumberFormat.significant(left)) to \(NumberFormat.significant(left + width)): \(NumberFormat.percent(share))"))
        }
        let xTicks = x.ticks(count: 6)
        body += frame.xAxis(x, ticks: xTicks, labels: NumberFormat.axisLabels(xTicks), title: xTitle)
        body += markerElements(markers, scale: x, frame: frame)
        return frame.svg(id: id, title: title,
                         description: "Histogram of \(total) trials from \(NumberFormat.significant(histogram.lower)) to \(NumberFormat.significant(histogram.upper)) in \(histogram.counts.count) bins.",
                         children: body)
    }

    /// The frame of a chart with marker labels: the top margin holds `markerLabelRows` rows of
    /// labels above the plot, where no line can run through them.
    public static let markedFrame = ChartFrame(top: 16 + Double(markerLabelRows) * markerLabelRowHeight)
    static let markerLabelRows = 3
    static let markerLabelRowHeight = 13.0
    /// Approximate width of one character of a marker label, in user units.
    static let markerLabelCharacterWidth = 6.2

    /// Vertical marker lines inside the plot, their labels above the plot area (so that no
    /// marker line, bar or curve runs through a label), each in the lowest row where it does not
    /// run into an earlier label.
    static func markerElements(_ markers: [ChartMarker], scale: LinearScale, frame: ChartFrame) -> [SVGElement] {
        var out: [SVGElement] = []
        let visible = markers.filter { $0.value >= scale.domain.lower && $0.value <= scale.domain.upper }
        let rows = max(1, min(markerLabelRows, Int(((frame.top - 4) / markerLabelRowHeight).rounded(.down))))
        var taken: [[ClosedRange<Double>]] = Array(repeating: [], count: rows)
        for marker in visible {
            let x = scale.position(marker.value)
            out.append(.line(x1: x, y1: frame.plotY.0, x2: x, y2: frame.plotY.1, className: "marker-\(marker.style.rawValue)"))
            let width = Double(marker.label.count) * markerLabelCharacterWidth
            let anchor = x > (frame.plotX.0 + frame.plotX.1) / 2 ? "end" : "start"
            let start = anchor == "end" ? x - width : x
            // A position that is not a number (an extreme value) takes no room.
            let span = start.isFinite && width.isFinite ? start...(start + width) : 0...0
            let row = taken.indices.first { r in !taken[r].contains { $0.overlaps(span) } }
                ?? taken.indices.min { taken[$0].count < taken[$1].count }!
            taken[row].append(span)
            out.append(.label(marker.label, x: x, y: frame.plotY.1 - 4 - Double(row) * markerLabelRowHeight,
                              anchor: anchor, className: "marker-label"))
        }
        return out
    }
}
