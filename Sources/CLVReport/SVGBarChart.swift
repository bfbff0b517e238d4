/// Horizontal bars of shares in [0, 1], e.g. the probability that each strategy is best.
public enum SVGBarChart {
    /// The chart: one bar per (label, share), the share printed at the end of its bar.
    ///
    /// - Complexity: O(bars).
    public static func chart(id: String, title: String, bars: [(label: String, share: Double)], xTitle: String,
                             width: Double = 720) -> SVGElement {
        let longest = bars.map(\.label.count).max() ?? 0
        let rowHeight = 30.0
        var frame = ChartFrame(width: width, height: 0, left: min(260, 16 + 7 * Double(longest)), right: 60, top: 10, bottom: 48)
        frame.height = frame.top + frame.bottom + rowHeight * Double(max(1, bars.count))
        let x = LinearScale(domain: (0, 1), range: frame.plotX)
        let ticks = [0, 0.25, 0.5, 0.75, 1.0]
        var body: [SVGElement] = []
        for tick in ticks { body.append(.line(x1: x.position(tick), y1: frame.plotY.1, x2: x.position(tick), y2: frame.plotY.0, className: "grid")) }
        body += frame.xAxis(x, ticks: ticks, labels: ticks.map { "\(Int($0 * 100))%" }, title: xTitle)
        for (i, bar) in bars.enumerated() {
            let top = frame.top + rowHeight * Double(i) + 6
            let share = bar.share.isFinite ? min(1, max(0, bar.share)) : 0
            body.append(.label(bar.label, x: frame.left - 10, y: top + 13, anchor: "end", className: "row-label"))
            body.append(.rect(x: frame.left, y: top, width: x.position(share) - frame.left, height: rowHeight - 12,
                              className: "bar", title: "\(bar.label): \(NumberFormat.percent(share))"))
            body.append(.label(NumberFormat.percent(share), x: x.position(share) + 6, y: top + 13, className: "value-label"))
        }
        return frame.svg(id: id, title: title, description: "One bar per option; its length is the share of trials.",
                         children: body)
    }
}
