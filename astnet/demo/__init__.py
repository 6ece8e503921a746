"""Demo and benchmark data (`manage.py seed_demo`): the roof, may import every app.

Nothing at runtime imports it; `core` holds what the apps' demo modules share (the demo password,
the demo council, the 2016 plan's districts and offers, a user per role, synthetic citizens).
"""
