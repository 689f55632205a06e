# Kernels started while the book builds: keep their log quiet so that the
# build's warnings-as-errors mode sees only real problems.
c = get_config()  # noqa: F821
c.IPKernelApp.log_level = "ERROR"
