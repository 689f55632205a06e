# Kernels started while the book builds: keep their log quiet so that the
# build's warnings-as-errors mode sees only real problems.
c = get_config()  # noqa: F821
c.IPKernelApp.log_level = "ERROR"
# glue() stores the text form of a value: print numpy scalars as plain numbers
# (1.25 rather than np.float64(1.25)) so that {glue:text}`key:.2f` can format them.
c.InteractiveShellApp.exec_lines = ["import numpy as _np; _np.set_printoptions(legacy='1.25'); del _np"]
