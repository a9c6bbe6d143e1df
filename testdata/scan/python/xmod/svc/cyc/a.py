from .b import *

A_KEY = "py-cycle-a"
