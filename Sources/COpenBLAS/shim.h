#ifndef CLVSIM_COPENBLAS_SHIM_H
#define CLVSIM_COPENBLAS_SHIM_H

// CBLAS and the OpenBLAS thread controls come from OpenBLAS's own header.
#include <cblas.h>

// LAPACK routines used by clvsim, declared with the Fortran calling convention
// (every argument by pointer, trailing underscore). OpenBLAS ships them in libopenblas.

/// Cholesky factorisation of a symmetric positive definite matrix.
void dpotrf_(const char *uplo, const int *n, double *a, const int *lda, int *info);

/// Least-squares solution of an over- or under-determined system by QR or LQ.
void dgels_(const char *trans, const int *m, const int *n, const int *nrhs,
            double *a, const int *lda, double *b, const int *ldb,
            double *work, const int *lwork, int *info);

/// Solution of a square system A·X = B by LU factorisation with partial pivoting.
void dgesv_(const int *n, const int *nrhs, double *a, const int *lda, int *ipiv,
            double *b, const int *ldb, int *info);

#endif
