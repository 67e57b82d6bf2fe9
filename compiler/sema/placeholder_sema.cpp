// placeholder until the sema stage lands
