/// The version `clvsim --version` prints and every result file records.
enum ClvsimVersion {
    static let current = "0.1.0"
}
