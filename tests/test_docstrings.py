"""Every public callable of the model modules has a numpydoc docstring with the
sections a reader needs: Parameters (when it takes any), Returns, Raises (when it
checks its input) and Examples (run as doctests by ``--doctest-modules``)."""

import inspect

import pytest

from janus import _validate, ai_race, calibration, data, education, risk, wages

# the rent functions of janus.education are documented with their own tests
OTHERS = {"nash_spending", "planner_spending", "overinvestment_ratio", "social_welfare",
          "welfare_loss", "planner_corner_rho"}
NO_INPUT_CHECKS = {"scalar_or_array", "at_index"}


def public_callables():
    for module in (wages, risk, calibration, data, education, ai_race, _validate):
        names = getattr(module, "__all__", None) or [n for n in vars(module) if not n.startswith("_")]
        for name in names:
            obj = getattr(module, name)
            if name in OTHERS or not callable(obj) or getattr(obj, "__module__", None) != module.__name__:
                continue
            yield f"{module.__name__}.{name}", obj
            if inspect.isclass(obj):
                for attr, member in vars(obj).items():
                    if not attr.startswith("_") and inspect.isfunction(member):
                        yield f"{module.__name__}.{name}.{attr}", member


CALLABLES = dict(public_callables())


@pytest.mark.parametrize("name", sorted(CALLABLES))
def test_numpydoc_sections(name):
    obj = CALLABLES[name]
    doc = inspect.getdoc(obj) or ""
    sections = {line.strip() for line, under in zip(doc.splitlines(), doc.splitlines()[1:])
                if under.strip() and set(under.strip()) == {"-"}}
    assert "Examples" in sections, f"{name} has no Examples"
    if inspect.isclass(obj):
        return
    params = [p for p in inspect.signature(obj).parameters if p not in ("self", "cls")]
    if params:
        assert "Parameters" in sections, f"{name} has no Parameters"
    assert "Returns" in sections, f"{name} has no Returns"
    if params and name.rsplit(".", 1)[-1] not in NO_INPUT_CHECKS:
        assert "Raises" in sections, f"{name} has no Raises"
