import CLVLinearAlgebra
import CLVRandom

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading rank correlations and checking that together they are possible (docs/scenario-format.md, "Correlations").
extension ScenarioDecoder {
    /// The correlations at `path`, or nil after reporting every problem, including a correlation
    /// matrix that is not positive definite (named by its conflicting pairs).
    mutating func correlations(_ value: JSONValue, at path: String, catalogue: ScenarioInputCatalogue) -> [Correlation]? {
        guard let elements = array(value, at: path, what: "correlations", count: 0...ScenarioLimits.maximumListCount) else { return nil }
        let errorsBefore = errorCount
        var result: [Correlation] = []
        var indexOfPair: [String: Int] = [:]
        var checkable: [(index: Int, a: String, b: String, rank: Double)] = []
        for (i, element) in elements.enumerated() {
            let itemPath = JSONPath.element(path, i)
            guard let fields = object(element, at: itemPath, what: "a correlation", allowed: ["between", "rank"],
                                      required: ["between", "rank"]) else { continue }
            var pair: [String]?
            if let betweenJSON = fields["between"],
               let names = array(betweenJSON, at: fields.path("between"), what: "between", count: 2...2) {
                let strings = names.enumerated().map { k, v in string(v, at: JSONPath.element(fields.path("between"), k), what: "each path") }
                if let a = strings[0], let b = strings[1] { pair = [a, b] }
            }
            let rank = fields["rank"].flatMap { number($0, at: fields.path("rank"), what: "rank") }
            if let rank, !(rank > -1 && rank < 1) {
                error(fields.path("rank"), "rank must lie strictly between -1 and 1, found \(rank.shortText)",
                      fix: "use a Spearman rank correlation such as 0.5 or -0.3 (±1 would make the inputs copies of each other)")
            }
            guard let pair else { continue }
            var resolved = true
            for (k, inputPath) in pair.enumerated() {
                let elementPath = JSONPath.element(fields.path("between"), k)
                switch catalogue.lookup(inputPath) {
                case .unknown:
                    error(elementPath, "\"\(inputPath)\" is not a scenario path of a distribution field", fix: catalogue.hint(for: inputPath))
                    resolved = false
                case .unresolved:
                    resolved = false
                case .input(let input):
                    if input.distribution.isFixed {
                        error(elementPath, "\"\(inputPath)\" is a fixed number, so a correlation cannot affect it",
                              fix: "give it a distribution, or remove this correlation")
                        resolved = false
                    }
                }
            }
            if pair[0] == pair[1] {
                error(fields.path("between"), "the correlation names \"\(pair[0])\" twice", fix: "name two different inputs")
                continue
            }
            let key = pair.sorted().joined(separator: "\u{0}")
            if let first = indexOfPair[key] {
                error(fields.path("between"), "the pair \"\(pair[0])\" – \"\(pair[1])\" is already correlated in \(JSONPath.element(path, first))",
                      fix: "keep one correlation per pair")
                continue
            }
            indexOfPair[key] = i
            if resolved, let rank, rank > -1, rank < 1 {
                checkable.append((i, pair[0], pair[1], rank))
                result.append(Correlation(between: pair, rank: rank))
            }
        }
        checkPositiveDefinite(checkable, at: path)
        return errorCount == errorsBefore ? result : nil
    }

    /// Reports when the correlations cannot hold together: the matrix of ranks over the inputs
    /// they name (identity elsewhere), or the matrix of normal-score correlations 2·sin(πρ/6) the
    /// Gaussian copula uses, is not positive definite (its Cholesky factorisation fails).
    private mutating func checkPositiveDefinite(_ pairs: [(index: Int, a: String, b: String, rank: Double)], at path: String) {
        guard !pairs.isEmpty else { return }
        var order: [String] = []
        var position: [String: Int] = [:]
        for pair in pairs {
            for name in [pair.a, pair.b] where position[name] == nil {
                position[name] = order.count
                order.append(name)
            }
        }
        for transform in [false, true] {
            let failure: Int?
            do {
                failure = try Self.failingMinor(pairs, order: order, position: position, transform: transform)
            } catch {
                self.error(path, "the correlation matrix could not be checked: \(error)", fix: "use fewer correlations")
                return
            }
            guard let minor = failure else { continue }
            // The pairs among the inputs of the failing leading minor, reduced (when few) to a
            // minimal set that still cannot hold together: each pair left is necessary. The
            // reduction factorises only the matrix over the inputs the remaining pairs name.
            let involved = Set(order.prefix(minor))
            var culprits = pairs.filter { involved.contains($0.a) && involved.contains($0.b) }
            if culprits.count <= 60 {
                var k = 0
                while k < culprits.count {
                    var without = culprits
                    without.remove(at: k)
                    if (try? Self.failingMinor(without, order: [], position: [:], transform: transform)) ?? nil != nil {
                        culprits = without
                    } else {
                        k += 1
                    }
                }
            }
            let named = culprits.map { "\(JSONPath.element(path, $0.index)) \($0.a) ~ \($0.b) (\($0.rank.shortText))" }
            error(path, "these correlations cannot hold together (the correlation matrix is not positive definite\(transform ? " after conversion to normal-score correlations 2·sin(πρ/6)" : "")): \(named.joined(separator: "; "))",
                  fix: "weaken one of them: for example, if A and B and B and C are strongly positively correlated, A and C cannot be strongly negatively correlated")
            return
        }
    }

    /// The order of the first leading minor of the correlation matrix that is not positive
    /// definite, or nil when the matrix is positive definite.
    private static func failingMinor(_ pairs: [(index: Int, a: String, b: String, rank: Double)], order: [String],
                                     position: [String: Int], transform: Bool) throws -> Int? {
        var order = order, position = position
        if order.isEmpty {
            for pair in pairs {
                for name in [pair.a, pair.b] where position[name] == nil {
                    position[name] = order.count
                    order.append(name)
                }
            }
        }
        var matrix = Matrix.identity(order.count)
        for pair in pairs {
            guard let i = position[pair.a], let j = position[pair.b] else { continue }
            let r = transform ? 2 * sin(Double.pi * pair.rank / 6) : pair.rank
            matrix[i, j] = r
            matrix[j, i] = r
        }
        do {
            _ = try BLAS.cholesky(matrix)
            return nil
        } catch LinearAlgebraError.notPositiveDefinite(let minor) {
            return minor
        }
    }
}
