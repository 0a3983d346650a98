"""Leukodex's synthetic-cell generator: a class-conditional GAN trained with Diffusion-GAN's method."""
