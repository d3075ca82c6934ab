"""Local accounts, work units and tokens: who may sign in, and what their tokens say."""
