/// A JSON value for schema checks: the instance or the schema itself.
public indirect enum SchemaValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([SchemaValue])
    case object([(String, SchemaValue)])

    public static func == (a: SchemaValue, b: SchemaValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.number(let x), .number(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.array(let x), .array(let y)): return x == y
        case (.object(let x), .object(let y)):
            guard x.count == y.count else { return false }
            return x.allSatisfy { key, value in y.contains { $0.0 == key && $0.1 == value } }
        default: return false
        }
    }

    /// The member named `key` of an object.
    public subscript(key: String) -> SchemaValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }
}

/// A small JSON Schema (draft 2020-12) validator for the keywords clvsim's scenario schema uses:
/// `type`, `properties`, `required`, `additionalProperties`, `items`, `minItems`, `maxItems`,
/// `minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum`, `minLength`, `maxLength`,
/// `enum`, `const`, `anyOf`, `oneOf`, `not`, and `$ref` to `#/$defs/<name>`. Annotations
/// (`description`, `default`, `title`, `$schema`, `$id`) are ignored; any other keyword is
/// reported as unsupported so that a schema cannot silently outgrow the checker.
public struct JSONSchemaCheck {
    /// The root schema (holding `$defs`).
    public let root: SchemaValue

    public init(schema: SchemaValue) { root = schema }

    static let annotations: Set<String> = ["description", "default", "title", "$schema", "$id", "$defs", "examples"]
    static let assertions: Set<String> = ["type", "properties", "required", "additionalProperties", "items", "minItems",
                                          "maxItems", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
                                          "minLength", "maxLength", "enum", "const", "anyOf", "oneOf", "not", "$ref"]

    /// Every violation of the schema by `instance`, as `path: problem` lines; empty when valid.
    ///
    /// - Complexity: O(size of the instance × branching of anyOf/oneOf).
    public func violations(of instance: SchemaValue) -> [String] {
        var found: [String] = []
        check(instance, against: root, at: "$", into: &found, depth: 0)
        return found
    }

    /// Keywords the schema uses that this checker does not implement.
    public func unsupportedKeywords() -> Set<String> {
        var found: Set<String> = []
        func visit(_ schema: SchemaValue, isPropertyMap: Bool) {
            switch schema {
            case .object(let members):
                for (key, value) in members {
                    if !isPropertyMap && !Self.annotations.contains(key) && !Self.assertions.contains(key) { found.insert(key) }
                    if isPropertyMap { visit(value, isPropertyMap: false); continue }
                    switch key {
                    case "properties", "$defs": visit(value, isPropertyMap: true)
                    case "enum", "const", "required", "default", "examples": break
                    default: visit(value, isPropertyMap: false)
                    }
                }
            case .array(let elements): elements.forEach { visit($0, isPropertyMap: false) }
            default: break
            }
        }
        visit(root, isPropertyMap: false)
        return found
    }

    private func check(_ instance: SchemaValue, against schema: SchemaValue, at path: String, into found: inout [String], depth: Int) {
        guard depth < 64 else { found.append("\(path): schema nesting too deep"); return }
        if case .bool(let allowed) = schema {
            if !allowed { found.append("\(path): not allowed") }
            return
        }
        if case .string(let ref)? = schema["$ref"] {
            let prefix = "#/$defs/"
            guard ref.hasPrefix(prefix), let target = root["$defs"]?[String(ref.dropFirst(prefix.count))] else {
                found.append("\(path): unresolvable $ref \(ref)")
                return
            }
            check(instance, against: target, at: path, into: &found, depth: depth + 1)
        }
        if let type = schema["type"] {
            let names: [String]
            switch type {
            case .string(let name): names = [name]
            case .array(let list): names = list.compactMap { if case .string(let s) = $0 { return s } else { return nil } }
            default: names = []
            }
            if !names.contains(where: { Self.matches(instance, type: $0) }) {
                found.append("\(path): expected \(names.joined(separator: " or "))")
                return
            }
        }
        if let constant = schema["const"], constant != instance { found.append("\(path): must equal \(constant)") }
        if case .array(let options)? = schema["enum"], !options.contains(instance) { found.append("\(path): not one of the allowed values") }
        if case .number(let x) = instance {
            if case .number(let m)? = schema["minimum"], x < m { found.append("\(path): below minimum \(m)") }
            if case .number(let m)? = schema["maximum"], x > m { found.append("\(path): above maximum \(m)") }
            if case .number(let m)? = schema["exclusiveMinimum"], x <= m { found.append("\(path): not above \(m)") }
            if case .number(let m)? = schema["exclusiveMaximum"], x >= m { found.append("\(path): not below \(m)") }
        }
        if case .string(let s) = instance {
            if case .number(let m)? = schema["minLength"], Double(s.count) < m { found.append("\(path): shorter than \(m)") }
            if case .number(let m)? = schema["maxLength"], Double(s.count) > m { found.append("\(path): longer than \(m)") }
        }
        if case .array(let elements) = instance {
            if case .number(let m)? = schema["minItems"], Double(elements.count) < m { found.append("\(path): fewer than \(m) items") }
            if case .number(let m)? = schema["maxItems"], Double(elements.count) > m { found.append("\(path): more than \(m) items") }
            if let items = schema["items"] {
                for (i, element) in elements.enumerated() { check(element, against: items, at: "\(path)[\(i)]", into: &found, depth: depth + 1) }
            }
        }
        if case .object(let members) = instance {
            if case .array(let required)? = schema["required"] {
                for case .string(let key) in required where !members.contains(where: { $0.0 == key }) {
                    found.append("\(path): missing required \(key)")
                }
            }
            let properties = schema["properties"]
            for (key, value) in members {
                if let propertySchema = properties?[key] {
                    check(value, against: propertySchema, at: "\(path).\(key)", into: &found, depth: depth + 1)
                } else if let additional = schema["additionalProperties"] {
                    check(value, against: additional, at: "\(path).\(key)", into: &found, depth: depth + 1)
                }
            }
        }
        if case .array(let options)? = schema["anyOf"] {
            let passing = options.filter { option in
                var sub: [String] = []
                check(instance, against: option, at: path, into: &sub, depth: depth + 1)
                return sub.isEmpty
            }
            if passing.isEmpty { found.append("\(path): matches none of the anyOf alternatives") }
        }
        if case .array(let options)? = schema["oneOf"] {
            let passing = options.filter { option in
                var sub: [String] = []
                check(instance, against: option, at: path, into: &sub, depth: depth + 1)
                return sub.isEmpty
            }
            if passing.count != 1 { found.append("\(path): matches \(passing.count) of the oneOf alternatives, not exactly 1") }
        }
        if let negated = schema["not"] {
            var sub: [String] = []
            check(instance, against: negated, at: path, into: &sub, depth: depth + 1)
            if sub.isEmpty { found.append("\(path): matches a schema it must not match") }
        }
    }

    /// Whether `instance` has the JSON Schema type `type` ("integer": a number with no fraction).
    static func matches(_ instance: SchemaValue, type: String) -> Bool {
        switch (type, instance) {
        case ("null", .null), ("boolean", .bool), ("number", .number), ("string", .string), ("array", .array), ("object", .object):
            return true
        case ("integer", .number(let x)): return x == x.rounded() && x.isFinite
        default: return false
        }
    }
}
