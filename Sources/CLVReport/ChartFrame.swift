/// The geometry every chart shares: an SVG canvas of `width` × `height` user units, with a plot
/// area inset by margins that leave room for axis labels, and helpers to draw the axes.
public struct ChartFrame: Sendable, Equatable {
    public var width: Double
    public var height: Double
    public var left: Double
    public var right: Double
    public var top: Double
    public var bottom: Double

    public init(width: Double = 720, height: Double = 300, left: Double = 64, right: Double = 24,
                top: Double = 16, bottom: Double = 48) {
        self.width = width
        self.height = height
        self.left = left
        self.right = right
        self.top = top
        self.bottom = bottom
    }

    /// Horizontal extent of the plot area.
    public var plotX: (Double, Double) { (left, width - right) }
    /// Vertical extent of the plot area, bottom first (y grows downwards in SVG).
    public var plotY: (Double, Double) { (height - bottom, top) }

    /// The `<svg>` root: scalable (`viewBox`, width 100%), labelled for screen readers, with a
    /// `<title>` and `<desc>` so the chart's meaning survives without the picture.
    ///
    /// - Complexity: O(children).
    public func svg(id: String, title: String, description: String, children: [SVGElement]) -> SVGElement {
        SVGElement("svg", [
            ("id", id), ("class", "chart"),
            ("viewBox", "0 0 \(SVGElement.coordinate(width)) \(SVGElement.coordinate(height))"),
            ("role", "img"), ("aria-label", title),
        ], children: [SVGElement("title", text: title), SVGElement("desc", text: description)] + children)
    }

    /// A horizontal axis along the bottom of the plot with ticks, labels and an axis title.
    ///
    /// - Complexity: O(ticks).
    public func xAxis(_ scale: LinearScale, ticks: [Double], labels: [String], title: String, grid: Bool = false) -> [SVGElement] {
        let y = plotY.0
        var out: [SVGElement] = [.line(x1: plotX.0, y1: y, x2: plotX.1, y2: y, className: "axis")]
        for (value, label) in zip(ticks, labels) {
            let x = scale.position(value)
            if grid { out.append(.line(x1: x, y1: plotY.1, x2: x, y2: y, className: "grid")) }
            out.append(.line(x1: x, y1: y, x2: x, y2: y + 5, className: "axis"))
            out.append(.label(label, x: x, y: y + 18, anchor: "middle", className: "tick"))
        }
        out.append(.label(title, x: (plotX.0 + plotX.1) / 2, y: height - 6, anchor: "middle", className: "axis-title"))
        return out
    }

    /// A vertical axis along the left of the plot with ticks, grid lines and labels.
    ///
    /// - Complexity: O(ticks).
    public func yAxis(_ scale: LinearScale, ticks: [Double], labels: [String], title: String) -> [SVGElement] {
        var out: [SVGElement] = [.line(x1: plotX.0, y1: plotY.0, x2: plotX.0, y2: plotY.1, className: "axis")]
        for (value, label) in zip(ticks, labels) {
            let y = scale.position(value)
            out.append(.line(x1: plotX.0, y1: y, x2: plotX.1, y2: y, className: "grid"))
            out.append(.label(label, x: plotX.0 - 6, y: y + 4, anchor: "end", className: "tick"))
        }
        if !title.isEmpty {
            out.append(SVGElement("text", [("x", "0"), ("y", "0"), ("class", "axis-title"), ("text-anchor", "middle"),
                                           ("transform", "translate(14 \(SVGElement.coordinate((plotY.0 + plotY.1) / 2))) rotate(-90)")],
                                  text: title))
        }
        return out
    }
}
