"""ReportLab runs with its C accelerator (the rl_accel package): without it a declaration
takes about twice as long to render."""

from __future__ import annotations


def test_reportlab_uses_its_c_accelerator():
    import _rl_accel
    from reportlab.lib import rl_accel

    assert set(rl_accel._c_funcs) == set(rl_accel.__all__)  # none fell back to Python
    assert rl_accel.fp_str is _rl_accel.fp_str
    assert rl_accel.fp_str(1.5, 2.25, 0) == "1.5 2.25 0"
