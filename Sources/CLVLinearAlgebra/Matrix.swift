/// A dense matrix of `Double` stored in column-major order, the layout BLAS and LAPACK expect.
///
/// Element `(i, j)` lives at `elements[i + j * rows]`. The type is a plain value: copying it
/// copies the storage (copy-on-write through `Array`).
public struct Matrix: Sendable, Equatable {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// The elements in column-major order; `elements.count == rows * columns`.
    public var elements: [Double]

    /// A `rows × columns` matrix with every element equal to `value`; a negative dimension
    /// counts as 0.
    ///
    /// - Complexity: O(rows · columns).
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        self.rows = max(0, rows)
        self.columns = max(0, columns)
        self.elements = Array(repeating: value, count: self.rows * self.columns)
    }

    /// A matrix from column-major elements.
    ///
    /// - Throws: `LinearAlgebraError.dimensionMismatch` unless `elements.count == rows · columns`.
    /// - Complexity: O(1) beyond the array passed in.
    public init(rows: Int, columns: Int, columnMajor elements: [Double]) throws(LinearAlgebraError) {
        guard rows >= 0, columns >= 0, elements.count == rows * columns else {
            throw .dimensionMismatch("\(elements.count) elements do not make a \(rows)×\(columns) matrix")
        }
        self.rows = rows
        self.columns = columns
        self.elements = elements
    }

    /// A matrix from an array of rows, each of the same length.
    ///
    /// - Throws: `LinearAlgebraError.dimensionMismatch` when the rows differ in length.
    /// - Complexity: O(rows · columns).
    public init(rowMajor rowsOfValues: [[Double]]) throws(LinearAlgebraError) {
        let rowCount = rowsOfValues.count
        let columnCount = rowsOfValues.first?.count ?? 0
        guard rowsOfValues.allSatisfy({ $0.count == columnCount }) else {
            throw .dimensionMismatch("rows of a matrix must have equal length")
        }
        var storage = [Double](repeating: 0, count: rowCount * columnCount)
        for (i, row) in rowsOfValues.enumerated() {
            for (j, value) in row.enumerated() { storage[i + j * rowCount] = value }
        }
        self.rows = rowCount
        self.columns = columnCount
        self.elements = storage
    }

    /// The `n × n` identity matrix.
    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, columns: n)
        for i in 0..<n { m[i, i] = 1 }
        return m
    }

    /// Element at row `i`, column `j` (zero-based).
    @inlinable
    public subscript(i: Int, j: Int) -> Double {
        get { elements[i + j * rows] }
        set { elements[i + j * rows] = newValue }
    }

    /// The transpose, `Aᵀ`.
    ///
    /// - Complexity: O(rows · columns).
    public var transposed: Matrix {
        var t = Matrix(rows: columns, columns: rows)
        for j in 0..<columns { for i in 0..<rows { t[j, i] = self[i, j] } }
        return t
    }
}
