// placeholder until the syntax stage lands
