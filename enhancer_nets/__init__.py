__version__ = "0.1.0"


def __getattr__(name):
    """`enhancer_nets.load_model`: loads every saved model of the package in any process. Imported on first
    use (PEP 562) from `enhancer_nets.layers`, the module of every custom layer, so that
    `import enhancer_nets` and `enhancer_nets --help` stay free of Keras."""
    if name == 'load_model':
        from .layers import load_model
        return load_model
    raise AttributeError(f'module {__name__!r} has no attribute {name!r}')
