from pipeline.executor import LocalPoolExecutor, SerialExecutor


def _square_or_fail(x: int) -> int:
    if x == 3:
        raise ValueError("drie")
    return x * x


def test_failures_are_outcomes_not_crashes() -> None:
    for executor in (SerialExecutor(), LocalPoolExecutor(2)):
        try:
            outcomes = {o.item: o for o in executor.map_unordered(_square_or_fail, range(6))}
        finally:
            executor.close()
        assert sorted(outcomes) == list(range(6))
        assert outcomes[4].value == 16 and outcomes[4].error is None
        assert isinstance(outcomes[3].error, ValueError)
