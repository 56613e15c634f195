import os
os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '3')
os.environ.setdefault('ENHANCER_NETS_QUICK', '1')   # reduced runs (IN_TEST), never skipped ones
