# Both modules define DUP: which one wins depends on import order, so the scanner does not guess.
from .one import *
from .two import *
