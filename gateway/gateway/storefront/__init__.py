"""A vendor's storefront: its public profile, rating and approved products in one response."""
