/// An SVG (or XHTML) element: a name, attributes in order, and children or text.
///
/// Rendering escapes `&`, `<`, `>` and `"` in attribute values and text, so any string — a
/// segment name with markup in it, say — yields well-formed XML.
public struct SVGElement: Sendable, Equatable {
    public var name: String
    public var attributes: [(String, String)]
    public var children: [SVGElement]
    public var text: String?

    public static func == (lhs: SVGElement, rhs: SVGElement) -> Bool { lhs.rendered() == rhs.rendered() }

    /// An element with attributes, children and optional text content.
    ///
    /// - Complexity: O(1).
    public init(_ name: String, _ attributes: [(String, String)] = [], children: [SVGElement] = [], text: String? = nil) {
        self.name = name
        self.attributes = attributes
        self.children = children
        self.text = text
    }

    /// The element as XML text, without a trailing newline. Children go on their own lines.
    ///
    /// - Complexity: O(size of the tree).
    public func rendered() -> String {
        var out = ""
        write(into: &out)
        return out
    }

    private func write(into out: inout String) {
        out += "<" + name
        for (key, value) in attributes { out += " " + key + "=\"" + Self.escape(value) + "\"" }
        if children.isEmpty && text == nil {
            out += "/>"
            return
        }
        out += ">"
        if let text { out += Self.escape(text) }
        if !children.isEmpty {
            out += "\n"
            for child in children {
                child.write(into: &out)
                out += "\n"
            }
        }
        out += "</" + name + ">"
    }

    /// `text` with the XML special characters replaced by entities.
    ///
    /// - Complexity: O(length of text).
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case _ where scalar.value < 0x20 && scalar != "\n" && scalar != "\t": out += " "
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A coordinate with at most two decimals and no exponent, e.g. 12.5 or 300. Any Double is
    /// accepted: values beyond ±`coordinateLimit` (far outside every canvas) are clamped to it,
    /// and NaN gives "0", so a chart of extreme values still renders (docs/results.md).
    ///
    /// - Complexity: O(1).
    static func coordinate(_ x: Double) -> String {
        guard !x.isNaN else { return "0" }
        let clamped = min(coordinateLimit, max(-coordinateLimit, x))
        let rounded = (clamped * 100).rounded() / 100
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        var text = String(format: "%.2f", rounded)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }

    /// The largest coordinate magnitude written, 10⁹ user units: far beyond any chart's canvas,
    /// small enough that scaling by 100 and converting to `Int` cannot overflow.
    static let coordinateLimit = 1e9
}

extension SVGElement {
    static func line(x1: Double, y1: Double, x2: Double, y2: Double, className: String) -> SVGElement {
        SVGElement("line", [("x1", coordinate(x1)), ("y1", coordinate(y1)), ("x2", coordinate(x2)),
                            ("y2", coordinate(y2)), ("class", className)])
    }

    static func rect(x: Double, y: Double, width: Double, height: Double, className: String, title: String? = nil) -> SVGElement {
        SVGElement("rect", [("x", coordinate(x)), ("y", coordinate(y)), ("width", coordinate(max(0, width))),
                            ("height", coordinate(max(0, height))), ("class", className)],
                   children: title.map { [SVGElement("title", text: $0)] } ?? [])
    }

    static func label(_ text: String, x: Double, y: Double, anchor: String = "start", className: String = "label") -> SVGElement {
        SVGElement("text", [("x", coordinate(x)), ("y", coordinate(y)), ("text-anchor", anchor), ("class", className)],
                   text: text)
    }

    static func polyline(_ points: [(Double, Double)], className: String) -> SVGElement {
        SVGElement("polyline", [("points", points.map { coordinate($0.0) + "," + coordinate($0.1) }.joined(separator: " ")),
                                ("class", className)])
    }

    static func polygon(_ points: [(Double, Double)], className: String) -> SVGElement {
        SVGElement("polygon", [("points", points.map { coordinate($0.0) + "," + coordinate($0.1) }.joined(separator: " ")),
                               ("class", className)])
    }
}
