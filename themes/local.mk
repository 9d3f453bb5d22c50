# Colour themes (config syntax), installed to $(themedir).
dist_theme_DATA += themes/default themes/light themes/dark-256 themes/mono \
	themes/solarized
