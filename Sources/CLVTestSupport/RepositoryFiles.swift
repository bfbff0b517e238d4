import Foundation

/// Locating files of the repository from a test source file.
public enum RepositoryFiles {
    /// The repository root: the nearest folder above `filePath` holding `Package.swift`.
    public static func root(from filePath: String = #filePath) -> URL {
        var url = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
            url.deleteLastPathComponent()
        }
        return URL(fileURLWithPath: filePath).deletingLastPathComponent()
    }

    /// Every `*.json` file below `scenarios/`, sorted by path.
    public static func scenarioFiles(from filePath: String = #filePath) -> [URL] {
        let folder = root(from: filePath).appendingPathComponent("scenarios")
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
        var files: [URL] = []
        for case let url as URL in walker where url.pathExtension == "json" { files.append(url) }
        return files.sorted { $0.path < $1.path }
    }
}
