//! El seguimiento (issue 16) en español: palabras sencillas, frases cortas,
//! sin dar género a quien lee.
use crate::i18n::PlaceStrings;

/// Todos los textos del seguimiento en español.
pub static PLACE: PlaceStrings = PlaceStrings {
    making: "Creando su código. Tarda unos segundos.",
    code_label: "Su código de respuesta",
    keep_safe: "Guarde este código solo si eso no le pone en riesgo. Quien lo tenga puede leer lo que la línea de ayuda le escribe.",
    without_it: "Sin él, nadie puede responderle. Se muestra solo esta vez.",
    never_asked: "La línea de ayuda nunca le pedirá este código por teléfono ni por mensaje de texto.",
    staff_languages: "La línea de ayuda escribe en inglés o en español.",
    make_failed: "No pudimos crear un código. Su aviso sí se envió.",
    your_code: "Su código",
    code_hint: "20 números. Los espacios y guiones no importan.",
    open: "Abrir",
    opening: "Abriendo. Tarda unos segundos.",
    too_short: "Este código es muy corto. Un código tiene 20 números.",
    too_long: "Este código es muy largo. Un código tiene 20 números.",
    not_digits: "Use solo los números de su código.",
    opened_nothing: "Este código no abrió nada. Revise cada número e intente otra vez. Un código también deja de funcionar 90 días después de su último uso.",
    rate_limited: "Demasiados intentos por ahora. Espere un minuto e intente otra vez.",
    failed: "Algo salió mal. Revise su conexión e intente otra vez.",
    messages: "Mensajes de la línea de ayuda",
    none_yet: "Todavía no hay mensajes. Vuelva a mirar más tarde.",
    answer_label: "Su respuesta",
    send_answer: "Enviar respuesta",
    detail_label: "Agregar algo que recuerde",
    send_detail: "Agregar",
    sent: "Enviado. Gracias.",
    err_empty: "Escriba algo primero.",
    err_long: "Use {n} caracteres o menos.",
    err_character: "Esto tiene caracteres ocultos que no podemos aceptar. Escríbalo en vez de pegarlo.",
};
