"""Rate limits per principal (per IP for anonymous clients), shared by every gateway worker."""
