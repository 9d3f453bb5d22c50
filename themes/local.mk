# Colour themes (config syntax), installed to $(themedir).
