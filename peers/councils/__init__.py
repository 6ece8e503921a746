"""The users' councils: seats, budgets (øre), applications, votes, decisions and minutes."""
