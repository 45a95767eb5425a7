import re
import sets
from sets import Set
x = sets.Set(a)
y = Set([1]) | sets.ImmutableSet(b)
