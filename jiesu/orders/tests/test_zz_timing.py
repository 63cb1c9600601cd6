def test_a(org):
    pass
def test_b(org):
    pass
