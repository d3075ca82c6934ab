"""The vendors service: UMKM profiles, legal ids, business scale, verification, bank accounts, ratings."""
