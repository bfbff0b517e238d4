/// "Did you mean" suggestions: the closest of a set of known names by edit distance.
enum KeySuggestion {
    /// The candidate closest to `word` when it is close enough to be a likely typo: equal ignoring
    /// case, a prefix of at least 4 characters, or within max(1, ⌊length / 3⌋) single-character edits (Levenshtein distance).
    ///
    /// - Complexity: O(Σ |word| · |candidate|), with words longer than 64 characters skipped.
    static func closest(to word: String, among candidates: [String]) -> String? {
        let target = Array(word.lowercased())
        guard target.count <= 64 else { return nil }
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let other = Array(candidate.lowercased())
            guard other.count <= 64 else { continue }
            let distance = editDistance(target, other)
            if distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        // A word that begins a longer known name ("horizon" for "horizonPeriods") is a likely slip too.
        if target.count >= 4, let prefixed = candidates.first(where: { $0.lowercased().hasPrefix(String(target)) }) {
            if best.map({ $0.distance > Swift.max(1, target.count / 3) }) ?? true { return prefixed }
        }
        guard let best else { return nil }
        let allowed = Swift.max(1, Swift.min(target.count, best.name.count) / 3)
        return best.distance <= allowed ? best.name : nil
    }

    /// Levenshtein distance: the fewest insertions, deletions and substitutions turning `a` into `b`.
    ///
    /// - Complexity: O(|a| · |b|) time, O(|b|) memory.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = Swift.min(substitution, previous[j] + 1, current[j - 1] + 1)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// Up to `limit` candidates close enough to `word` to be likely typos (as `closest`
    /// judges), closest first; ties keep the candidates' order.
    ///
    /// - Complexity: O(Σ |word| · |candidate| + candidates · log candidates).
    static func closestFew(to word: String, among candidates: [String], limit: Int = 3) -> [String] {
        guard let best = closest(to: word, among: candidates) else { return [] }
        let target = Array(word.lowercased())
        var near: [(name: String, distance: Int, index: Int)] = []
        for (index, candidate) in candidates.enumerated() where candidate != best {
            let other = Array(candidate.lowercased())
            guard other.count <= 64 else { continue }
            let distance = editDistance(target, other)
            if distance <= Swift.max(1, Swift.min(target.count, other.count) / 3) { near.append((candidate, distance, index)) }
        }
        near.sort { ($0.distance, $0.index) < ($1.distance, $1.index) }
        return [best] + near.prefix(Swift.max(0, limit - 1)).map(\.name)
    }

    /// `did you mean "a"?`, `did you mean "a" or "b"?` or `did you mean "a", "b" or "c"?` for the
    /// (at most three) close candidates, or the fallback when nothing is close. Never the whole
    /// list: a file with hundreds of names gets short lines.
    ///
    /// - Complexity: as `closestFew`.
    static func hint(for word: String, among candidates: [String], otherwise fallback: @autoclosure () -> String) -> String {
        let matches = closestFew(to: word, among: candidates).map { "\"\($0)\"" }
        guard let last = matches.last else { return fallback() }
        let list = matches.count == 1 ? last : matches.dropLast().joined(separator: ", ") + " or " + last
        return "did you mean \(list)?"
    }

    /// Names quoted and listed, at most `limit` of them: `"a", "b", "c"`, or
    /// `"a", "b", "c", … (997 more)` for long lists.
    ///
    /// - Complexity: O(limit).
    static func quotedList(_ names: [String], limit: Int = 5) -> String {
        let shown = names.prefix(limit).map { "\"\($0)\"" }.joined(separator: ", ")
        return names.count > limit ? shown + ", … (\(names.count - limit) more)" : shown
    }
}
