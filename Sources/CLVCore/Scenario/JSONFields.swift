/// The members of one JSON object that passed key checks, with the object's path.
struct JSONFields {
    let path: String
    var values: [String: JSONValue] = [:]

    init(path: String) { self.path = path }

    subscript(key: String) -> JSONValue? { values[key] }

    /// The JSON path of `key` in this object.
    func path(_ key: String) -> String { JSONPath.member(path, key) }
}
