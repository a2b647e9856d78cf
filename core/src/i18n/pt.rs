//! Portuguese as written in Timor-Leste: European norm and spelling
//! ("a carregar", "contacto", "ligação"), formal third person ("o seu",
//! "consigo"), and wording that does not assume the visitor's gender.

use super::Key::{self, *};

pub(super) fn text(key: Key) -> &'static str {
    match key {
        EventsHeading => "Eventos",
        LoadingEvents => "A carregar eventos…",
        FeedFailed => "Não foi possível carregar os eventos.",
        Retry => "Tentar novamente",
        SkippedEntries => "Não foi possível mostrar {count} evento(s) da fonte de dados.",
        NoEvents => "Não há eventos para mostrar.",
        BackToEvents => "Voltar a todos os eventos",
        EventNotFound => {
            "Não foi possível encontrar este evento. Pode ter sido retirado do calendário."
        }
        Loading => "A carregar…",
        OrganisedBy => "Organizado por",
        LanguagesSpoken => "Línguas",
        YourTime => "{time} no seu fuso horário",
        AllDay => "Todo o dia",
        Online => "Online",
        ModeOffline => "Presencial",
        ModeOnline => "Online",
        ModeMixed => "Híbrido: presencial e online",
        Capacity => "Lugares disponíveis: {remaining} de {max}",
        SeatsLeft => "Lugares disponíveis: {count}",
        AlmostFull => "Quase esgotado: restam {count}",
        FullWaitlist => "Esgotado: lista de espera aberta",
        Full => "Esgotado",
        OpensOn => "Inscrições abertas a partir de {date}",
        RegistrationClosed => "Inscrições encerradas",
        Cancelled => "Cancelado",
        Postponed => "Adiado",
        MoreInformation => "Mais informações",
        Register => "Inscrever-se",
        RegisterHeading => "Inscrição: {event}",
        RequiredHint => "Todos os campos são obrigatórios, exceto os assinalados como opcionais.",
        Optional => "(opcional)",
        FullName => "Nome completo",
        Email => "Endereço de e-mail",
        Organisation => "Organização",
        JobTitle => "Cargo",
        Country => "País",
        Phone => "Número de telefone",
        ChooseOne => "Escolha uma opção",
        ConnectionSite => "Onde vai participar?",
        Attendee => "Participante {n}",
        ConsentHeading => "Os seus dados",
        Submit => "Enviar inscrição",
        Sending => "A enviar…",
        ErrorSummaryTitle => "Existe um problema",
        ErrRequired => "Preencha o campo «{field}»",
        ErrTooLong => "{field} deve ter no máximo {max} caracteres",
        ErrEmail => {
            "Introduza um endereço de e-mail no formato correto, por exemplo nome@example.org"
        }
        ErrPhone => "Introduza um número de telefone, por exemplo +670 331 1234",
        ErrNotAnOption => "Escolha uma das opções para {field}",
        ErrNumber => "{field} deve ser um número",
        ErrTooSmall => "{field} deve ser igual ou superior a {min}",
        ErrTooLarge => "{field} deve ser igual ou inferior a {max}",
        ErrDate => "{field} deve ser uma data válida, por exemplo 2027-03-10",
        ErrUrl => "{field} deve ser um endereço web que comece por https://",
        ErrPattern => "{field} não está no formato esperado",
        ErrConsent => "Assinale a caixa para concordar: {field}",
        ErrLocation => "Escolha onde vai participar",
        ErrAttendees => "Inscreva entre 1 e {max} pessoas",
        ErrNetwork => {
            "Não foi possível enviar a sua inscrição. Verifique a ligação à internet e tente novamente."
        }
        ErrAlreadyRegistered => "Este endereço de e-mail já está inscrito neste evento.",
        ErrClosed => "As inscrições para este evento estão encerradas.",
        ErrUnknownEvent => "Este evento já não existe.",
        ErrServer => {
            "Ocorreu um erro no servidor ({status}). As suas respostas não se perderam: tente novamente."
        }
        TryAgain => "Tentar novamente",
        ConfirmedTitle => "Inscrição confirmada",
        WaitlistedTitle => "Está na lista de espera",
        PendingTitle => "Inscrição recebida",
        YourReference => "A sua referência",
        ConfirmedNext => {
            "Guarde a sua referência. A organização entrará em contacto consigo com os detalhes."
        }
        WaitlistedNext => {
            "O evento está esgotado. Entraremos em contacto consigo se vagar um lugar."
        }
        RegisterAnother => "Inscrever outra pessoa",
    }
}
