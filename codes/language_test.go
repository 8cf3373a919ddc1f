package codes_test

import (
	"testing"
)

// TestLanguages decodes replies whose words, not their codes, carry the
// reason: basic reply codes only, in the languages bounces are written in.
// Each reply is quoted as a Postfix bounce quotes it, refused at RCPT.
func TestLanguages(t *testing.T) {
	tests := []struct {
		lang, rcpt, reply, reason string
	}{
		{"German", "hans.mueller@example.net", "550 Benutzer unbekannt: Das Postfach hans.mueller@example.net existiert nicht", "userunknown"},
		{"German", "hans.mueller@example.net", "552 Postfach voll - Speicherplatz des Empfaengers ist erschoepft", "mailboxfull"},
		{"German", "greta.schulz@example.net", "452 Das Postfach ist voll, bitte versuchen Sie es spaeter erneut", "mailboxfull"},
		{"French", "lucie.moreau@example.net", "550 Destinataire inconnu : cette adresse n'existe pas sur ce serveur", "userunknown"},
		{"French", "lucie.moreau@example.net", "552 Boîte aux lettres pleine, le message ne peut être remis", "mailboxfull"},
		{"Spanish", "pedro.garcia@example.org", "550 Usuario desconocido en este dominio", "userunknown"},
		{"Spanish", "pedro.garcia@example.org", "552 El buzón está lleno, no se puede entregar el mensaje", "mailboxfull"},
		{"Italian", "marco.rossi@example.com", "550 Utente sconosciuto, l'indirizzo non esiste", "userunknown"},
		{"Italian", "marco.rossi@example.com", "552 Casella di posta piena, impossibile recapitare il messaggio", "mailboxfull"},
		{"Portuguese", "joao.silva@example.com", "550 Usuário desconhecido: a conta não existe neste servidor", "userunknown"},
		{"Portuguese", "joao.silva@example.com", "552 Caixa postal cheia, mensagem não entregue", "mailboxfull"},
		{"Japanese", "taro.yamada@example.net", "550 宛先のユーザーが存在しません", "userunknown"},
		{"Japanese", "taro.yamada@example.net", "552 メールボックスがいっぱいのため受信できません（容量超過）", "mailboxfull"},
		{"Chinese", "wang.wei@example.com", "550 收件人不存在，请检查邮件地址", "userunknown"},
		{"Chinese", "wang.wei@example.com", "552 收件人邮箱已满，请稍后再试", "mailboxfull"},
		{"Russian", "ivan.petrov@example.org", "550 Пользователь не найден", "userunknown"},
		{"Russian", "ivan.petrov@example.org", "552 Почтовый ящик переполнен", "mailboxfull"},
	}
	for _, tc := range tests {
		t.Run(tc.lang+"/"+tc.reason+"/"+tc.reply[:3], func(t *testing.T) {
			text := "<" + tc.rcpt + ">: host mx.example.net[192.0.2.10] said: " + tc.reply + " (in reply to RCPT TO command)\n"
			want := mailExp{recipient: tc.rcpt, reply: tc.reply[:3], status: "-", reason: tc.reason, command: "RCPT",
				diag: []string{tc.reply[4:]}}
			switch {
			case tc.reason == "userunknown":
				want.hard = isTrue
			default:
				want.hard = isFalse
			}
			// A 4xx reply quoted in a bounce may be a delay or the last
			// attempt before the sending server gave up: only its
			// permanence is certain.
			if tc.reply[0] == '4' {
				want.permanent = isFalse
			} else {
				want.action, want.permanent = "failed", isTrue
			}
			checkMailFindings(t, decodeMail(t, text), []mailExp{want})
			// The same reply on its own.
			rep := decodeMail(t, tc.reply)
			checkMailFindings(t, rep, []mailExp{{reply: tc.reply[:3], reason: tc.reason}})
		})
	}
}
