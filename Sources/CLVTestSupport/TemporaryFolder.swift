import Foundation

/// A fresh folder under the system's temporary directory for a test's files, named
/// `<prefix>-<UUID>`, removed with everything in it when the object goes away.
///
/// The folder lives exactly as long as the object: hold it in a stored property of a suite (a
/// Swift Testing suite instance lives for one test, so the folder is removed after that test,
/// whether it passed or failed) or in a local of the test function (removed when the function
/// returns). Keep the object for as long as anything, a child process included, uses the folder.
public final class TemporaryFolder: Sendable {
    /// The folder.
    public let url: URL

    /// The folder's path.
    public var path: String { url.path }

    /// Creates the folder `<prefix>-<UUID>` under `FileManager.default.temporaryDirectory`.
    ///
    /// Not throwing, so that a suite can create it as a property's default: should the folder
    /// not be created, the test's first write into it fails with an error that names its path.
    public init(prefix: String) {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The URL of `name` (a file or folder name, or a relative path) inside the folder; nothing
    /// is created.
    public func file(_ name: String) -> URL {
        url.appendingPathComponent(name)
    }

    /// Creates a new, uniquely named folder inside the folder and returns its URL.
    public func subfolder() throws -> URL {
        let folder = url.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        return folder
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }
}
