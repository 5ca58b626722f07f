"""CPython 3.11 before 3.11.8 builds ASTs with one global state: two threads
compiling at once fail with "SystemError: AST constructor recursion depth
mismatch" (python/cpython#106905), and a page answers 500. Chameleon's
templates and RestrictedPython's expressions, the two compilers of every
page, take turns (patches.py, 7 and 7b)."""

from RestrictedPython import compile_restricted_eval
from solna.intranet import patches

import threading


def test_an_expression_waits_while_a_template_is_compiled(portal):
    done = threading.Event()

    def compile_expression():
        compile_restricted_eval("context.title + ' (utkast)'")
        done.set()

    with patches._cook_lock:  # a template being compiled in another thread
        thread = threading.Thread(target=compile_expression)
        thread.start()
        assert not done.wait(1), "compiled while a template was being compiled"
    assert done.wait(60)
    thread.join(60)
