// placeholder until the driver stage lands
