/*
 * sgemm and dgemm of OpenBLAS on the Java arrays themselves (PinnedProducts): each array is
 * pinned with GetPrimitiveArrayCritical for the length of the BLAS call only, so no operand is
 * copied. The cblas functions are those of the libopenblas.so.0 JavaCPP already loaded, found
 * with dlopen(RTLD_NOLOAD) and dlsym: this file links no BLAS of its own, because two OpenBLAS
 * builds cannot share one process.
 *
 * Arguments are checked in Java (offsets, leading dimensions, spans inside the arrays).
 */
#include <dlfcn.h>
#include <jni.h>
#include <stddef.h>

/* CBLAS's enumerations (cblas.h): row-major, no transpose, transpose. */
enum { ROW_MAJOR = 101, NO_TRANS = 111, TRANS = 112 };

typedef void (*sgemm_fn)(int, int, int, int, int, int, float, const float *, int,
                         const float *, int, float, float *, int);
typedef void (*dgemm_fn)(int, int, int, int, int, int, double, const double *, int,
                         const double *, int, double, double *, int);

typedef void (*set_threads_fn)(int);
typedef int (*get_threads_fn)(void);

static sgemm_fn cblas_sgemm_p;
static dgemm_fn cblas_dgemm_p;
static set_threads_fn set_threads_p;
static get_threads_fn get_threads_p;

/* Binds to the library at `path`, which must already be loaded; returns NULL or why not. */
JNIEXPORT jstring JNICALL
Java_org_ebp_compute_openblas_PinnedProducts_link(JNIEnv *env, jclass cls, jstring path) {
    const char *p = (*env)->GetStringUTFChars(env, path, NULL);
    if (p == NULL) {
        return NULL; /* OutOfMemoryError is pending */
    }
    void *handle = dlopen(p, RTLD_NOW | RTLD_NOLOAD);
    (*env)->ReleaseStringUTFChars(env, path, p);
    if (handle == NULL) {
        const char *e = dlerror();
        return (*env)->NewStringUTF(env, e == NULL ? "dlopen(RTLD_NOLOAD) found no such loaded library" : e);
    }
    sgemm_fn s = (sgemm_fn) dlsym(handle, "cblas_sgemm");
    dgemm_fn d = (dgemm_fn) dlsym(handle, "cblas_dgemm");
    /* The thread count of this very library: JavaCPP's blas_set_num_threads finds the symbol by
       name, which can resolve to its other copy (libopenblas_nolapack.so.0). */
    set_threads_fn st = (set_threads_fn) dlsym(handle, "openblas_set_num_threads");
    get_threads_fn gt = (get_threads_fn) dlsym(handle, "openblas_get_num_threads");
    /* The handle only counts a reference; JavaCPP keeps the library loaded, so drop it. */
    dlclose(handle);
    if (s == NULL || d == NULL || st == NULL || gt == NULL) {
        return (*env)->NewStringUTF(env, "cblas_sgemm, cblas_dgemm or openblas_set_num_threads is missing from the loaded OpenBLAS");
    }
    cblas_sgemm_p = s;
    cblas_dgemm_p = d;
    set_threads_p = st;
    get_threads_p = gt;
    return NULL;
}

/* openblas_set_num_threads of the linked library (after link succeeded). */
JNIEXPORT void JNICALL
Java_org_ebp_compute_openblas_PinnedProducts_setThreads0(JNIEnv *env, jclass cls, jint count) {
    set_threads_p(count);
}

/* openblas_get_num_threads of the linked library (after link succeeded). */
JNIEXPORT jint JNICALL
Java_org_ebp_compute_openblas_PinnedProducts_threads0(JNIEnv *env, jclass cls) {
    return get_threads_p();
}

/*
 * Pins a, b (once when it is a) and c, runs the product and releases them: a and b with
 * JNI_ABORT (never written), c with 0. Nothing but the BLAS call runs while they are pinned,
 * because the garbage collector waits for the critical region to end.
 */
#define PINNED_GEMM(NAME, JTYPE, CTYPE, FN)                                                        \
    JNIEXPORT void JNICALL NAME(JNIEnv *env, jclass cls, jboolean transA, jboolean transB,         \
                                jint m, jint n, jint k, CTYPE alpha, JTYPE a, jint aOff, jint lda, \
                                JTYPE b, jint bOff, jint ldb, CTYPE beta, JTYPE c, jint cOff,      \
                                jint ldc) {                                                        \
        jboolean sameB = (*env)->IsSameObject(env, a, b);                                          \
        CTYPE *pa = (*env)->GetPrimitiveArrayCritical(env, a, NULL);                               \
        if (pa == NULL) {                                                                          \
            return;                                                                                \
        }                                                                                          \
        CTYPE *pb = sameB ? pa : (*env)->GetPrimitiveArrayCritical(env, b, NULL);                  \
        if (pb == NULL) {                                                                          \
            (*env)->ReleasePrimitiveArrayCritical(env, a, pa, JNI_ABORT);                          \
            return;                                                                                \
        }                                                                                          \
        CTYPE *pc = (*env)->GetPrimitiveArrayCritical(env, c, NULL);                               \
        if (pc != NULL) {                                                                          \
            FN(ROW_MAJOR, transA ? TRANS : NO_TRANS, transB ? TRANS : NO_TRANS, m, n, k, alpha,    \
               pa + aOff, lda, pb + bOff, ldb, beta, pc + cOff, ldc);                              \
            (*env)->ReleasePrimitiveArrayCritical(env, c, pc, 0);                                  \
        }                                                                                          \
        if (!sameB) {                                                                              \
            (*env)->ReleasePrimitiveArrayCritical(env, b, pb, JNI_ABORT);                          \
        }                                                                                          \
        (*env)->ReleasePrimitiveArrayCritical(env, a, pa, JNI_ABORT);                              \
    }

PINNED_GEMM(Java_org_ebp_compute_openblas_PinnedProducts_sgemm0, jfloatArray, jfloat, cblas_sgemm_p)
PINNED_GEMM(Java_org_ebp_compute_openblas_PinnedProducts_dgemm0, jdoubleArray, jdouble, cblas_dgemm_p)
