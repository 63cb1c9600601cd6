"""The daily board (seeds 000, 001, 003): what came in, what is due, what is overdue, per department.

Read-only: selectors over orders, deadlines and call-backs, and the Excel sheet built from them.
"""
