"""Rules and answers: HR rules (Regel) and answers on employment terms
(Fråga och svar)."""
