"""Spanish templates of the held-out corpus (same placeholder rules as ``tpl_en``)."""

PII = [
    ("email", """
        De: {P.a} <{EMAIL.a}>
        Enviado: {DATE} {TIME}
        Para: {ROLEMAIL}
        Asunto: RE: presupuesto {ORDER}

        Hola {P.b:first}:

        Gracias por la rapidez. ¿Puedes poner en copia a mi compañera {P.c} ({EMAIL.c})? Estoy de vacaciones a partir del {DATE}.

        Un saludo,
        {P.a:first}

        --
        {P.a}
        Responsable de compras | {COMPANY}
        Tel.: {PHONE} | {URL}
    """),
    ("email", """
        Perfecto, el jueves te llevo la copia firmada.

        El {DATE}, a las {TIME}, {P.a} <{EMAIL.a}> escribió:
        > Hola {P.b:first}:
        > el contrato de alquiler de {ADDRESS} ya está listo. Firma la página 4, por favor.
        > Fianza: referencia {INVOICE}.
    """),
    ("email", """
        Asunto: Cambio de datos bancarios

        Estimado cliente:

        Le informamos de que nuestra cuenta ha cambiado. Por favor, abone la factura {INVOICE} ({AMOUNT}) en:
        IBAN: {IBAN}

        Para cualquier duda: {PHONE}.

        {P.a}
        Departamento de administración
    """),
    ("email", """
        Respuesta automática: estoy fuera de la oficina hasta el {DATE}. Para asuntos urgentes, contacte con {P.a} ({EMAIL.a}) o en el {PHONE}.
    """),
    ("email", """
        Para el pago, usa la dirección {BTC}. El formulario está en {URL}.
        Saludos,
        {P.a:first}
    """),
    ("crm", """
        [{DATE}] Llamada con {P.a} ({COMPANY}): quiere ampliar a 40 licencias. Decide su jefa, {P.b}. Seguimiento el {DATE}. Móvil: {PHONE}.
    """),
    ("crm", """
        {P.a:LASTfirst} | cliente preferente | {CITY} | tlf {PHONE} | prefiere WhatsApp | NIF {NIF}
    """),
    ("crm", """
        Visita técnica {DATE}
        Dirección: {ADDRESS}
        Asistentes: {P.a} (operaciones), {P.b} (sistemas)
        Router {IPV4}, MAC {MAC}
    """),
    ("transcript", """
        [00:00:02] AGENTE: {COMPANY}, le atiende {P.a:first}. ¿Me dice su nombre completo?
        [00:00:05] CLIENTE: sí, {P.b}
        [00:00:08] AGENTE: Gracias. ¿Su fecha de nacimiento?
        [00:00:11] CLIENTE: el {DOB}
        [00:00:14] AGENTE: ¿Y el DNI?
        [00:00:16] CLIENTE: {NIF}
    """),
    ("transcript", """
        Mensaje de voz ({TIME}): «Hola, soy {P.a}, de la clínica dental. Llamo para {P.b:first}, para confirmar la cita del {DATE}. Puede llamarnos al {PHONE}. Gracias.»
    """),
    ("form", """
        FICHA DEL PACIENTE
        Apellidos: {P.a:LAST}
        Nombre: {P.a:first}
        Fecha de nacimiento: {DOB}
        DNI: {NIF}
        Teléfono: {PHONE}
        Domicilio: {ADDRESS}
        N.º de historia clínica: {MRN}
    """),
    ("form", """
        ENVÍO
        Destinatario: {P.a:upper}
        {ADDRESS}
        Tfno.: {PHONE}
        Pedido: {ORDER}
    """),
    ("form", """
        Titular ............ {P.a:LASTfirst}
        NIF ................ {NIF}
        IBAN ............... {IBAN}
        Firma .............. __________
    """),
    ("log", """
        {TS} INFO auth inicio de sesión ok usuario={EMAIL} ip={IPV4}
        {TS} WARN auth 5 intentos fallidos usuario={EMAIL} ip={IPV6}
    """),
    ("log", """
        {TS} ERROR el proceso se detuvo; entorno:
        SLACK_BOT_TOKEN={SLACKTOKEN}
        AWS_ACCESS_KEY_ID={AWSKEY}
    """),
    ("table", """
        | Nombre | Cargo | Correo | Teléfono |
        |---|---|---|---|
        | {P.a} | Jefa de tienda | {EMAIL.a} | {PHONE} |
        | {P.b} | Suplente | {EMAIL.b} | {PHONE} |
    """),
    ("table", """
        | Empleado | DNI | IBAN |
        |---|---|---|
        | {P.a} | {NIF} | {IBAN} |
        | {P.b} | {NIF} | {IBAN} |
    """),
    ("list", """
        Incorporación - {P.a}
        - [x] portátil entregado
        - [x] correo creado: {EMAIL.a}
        - [ ] nómina: IBAN {IBAN}
        - [ ] mentora: {P.b:first}
    """),
    ("list", """
        Viaje
        * vuelo a {COUNTRY} el {DATE}
        * hotel: {ADDRESS}
        * móvil de {P.a:first}: {PHONE}
    """),
    ("chat", "hola soy {P.a:lower} hice un pedido hace 2 semanas el {ORDER} y nada, mi correo es {EMAIL.a}"),
    ("chat", "mi contraseña es {PASSWORD} y no me deja entrar desde la actualización"),
    ("chat", "oye {P.a:firstlower} ya está en {CITY} o sigue en {COUNTRY}??"),
    ("chat", "dos rechazos hoy con la tarjeta {CARD}, ¿es cosa vuestra o del banco?"),
    ("clinical", """
        Estimado colega:

        Le remito a {P.a}, nacida el {DOB}, historia clínica {MRN}, para valoración por cardiología. ECG del {DATE} sin alteraciones. TA 140/90.

        Atentamente,
        Dra. {P.b}
    """),
    ("clinical", """
        Nota de teleconsulta {DATE}: paciente {P.a} (ID de paciente {PATID}), conectada desde {CITY}. Migraña 3 veces por semana.
    """),
    ("code", """
        Servidor {IPV4} -> usuario: admin / contraseña: {PASSWORD} (cambiar en el primer acceso)
    """),
    ("doc", """
        Yo, {P.a}, con DNI {NIF}, nacido el {DOB} y con domicilio en {ADDRESS}, declaro que los datos anteriores son ciertos.
    """),
    ("doc", """
        Objeto encontrado en recepción: una cartera con una tarjeta a nombre de {P.a:upper}. Su dueño puede llamar al {PHONE}.
    """),
    ("email", """
        Copia de seguridad de la clave del bastión (borrar tras importar):

        {PRIVKEY}

        -- {P.a:first}
    """),
    ("log", "Alerta del escáner de secretos: token de GitHub {GHTOKEN} en el commit {SHA:short}. Revocar hoy."),
    ("crm", "Cliente {P.a}: pago con tarjeta {CARD}, autorizado el {DATE}. DNI {NIF}."),
    ("code", "Clave de API generada para el entorno de pruebas: {APIKEY}"),
    ("form", """
        INGRESO
        Paciente: {P.a:upper}
        ID de paciente: {PATID}
        DNI: {NIF}
    """),
]

NEG = [
    ("email", """
        Asunto: Mantenimiento del {DATE}

        Hola a todos:

        La facturación no estará disponible de {TIME} a {TIME} por la actualización a {VERSION}. No hace falta hacer nada.

        El equipo de Plataforma
    """),
    ("email", """
        Su factura {INVOICE} por importe de {AMOUNT} ya está disponible. Vencimiento: {DATE}. Pedido: {ORDER}.

        Atención al cliente
    """),
    ("log", """
        {TS} INFO planificador tarea=exportación estado=ok filas=48213 duración={MS}ms
        {TS} WARN planificador reintento 2/5 (503 del servicio)
    """),
    ("table", """
        | Versión | Fecha | Latencia p95 |
        |---|---|---|
        | {VERSION} | {DATE} | 212 ms |
        | {WINVER} | {DATE} | 198 ms |
    """),
    ("list", """
        Notas de la versión {VERSION}
        - Corregido un fallo al abrir config.yaml
        - Actualizado setup.py
        - Se requiere el controlador {WINVER}
    """),
    ("chat", "Perfecto, ¡gracias! ¿La entrega sigue prevista para el {DATE}?"),
    ("chat", "¿Podéis revisar el pedido {ORDER}? Me han cobrado {AMOUNT} dos veces."),
    ("chat", "¿Hay descuento de estudiante para {PRODUCT} o solo en la versión anual?"),
    ("doc", """
        Número de prueba {BADCARD}: debe fallar la validación de Luhn. Código de error E4012.
    """),
    ("doc", """
        Reembolsos: se tramitan en 5 días hábiles. Devoluciones: 30 días desde la entrega. Garantía: dos años según la normativa.
    """),
    ("clinical", """
        Protocolo: paracetamol 1 g cada 6 h, máximo 4 g/24 h. TA 130/85, FC 78. Reevaluar a las {TIME}.
    """),
    ("form", """
        Nombre: ______________
        Teléfono: ______________
        Uso interno - ref. {ORDER}
    """),
    ("transcript", """
        AGENTE: Gracias por esperar. El pedido {ORDER} salió el {DATE}.
        CLIENTE: ¿Y el reembolso del otro?
        AGENTE: Emitido hoy, {AMOUNT}.
    """),
    ("doc", """
        La transferencia a {BADIBAN} fue rechazada: los dígitos de control no son válidos.
    """),
    ("code", """
        Ejecuta `pytest tests/test_mask.py` y edita config.yml y README.md antes de desplegar la {VERSION}.
    """),
    ("doc", "Dolores de cabeza frecuentes: consulte a su médico. Blanca o negra, la funda cuesta {AMOUNT}."),
    ("doc", "Según el RGPD y las guías de la AEPD, los registros se conservan 13 meses. Versión del módulo: {WINVER}."),
    ("chat", "Mercedes Clase A o el {PRODUCT}, no me decido jaja. El pedido {ORDER} llega el {DATE}."),
    ("log", """
        {TS} INFO agente {WINVER} iniciado, pid 3381
        {TS} ERROR petición {UUID} fallida: tiempo de espera agotado
    """),
    ("table", """
        | Ref. | Artículo | Cant. | Precio |
        |---|---|---:|---:|
        | {NUM}-BLA | {PRODUCT} | {QTY} | {AMOUNT} |
        | {NUM}-NEG | {PRODUCT} | {QTY} | {AMOUNT} |
    """),
]
