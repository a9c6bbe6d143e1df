from .keys import *
